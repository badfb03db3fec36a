using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Vepp2k.Cli;

/// <summary>
/// A study's result as columns: the same table the CSV holds, each column typed double when every cell
/// of it is a number and string otherwise, so analysis tools (pandas, Arrow, Spark) read it without parsing.
/// </summary>
public sealed class ResultTable
{
    private readonly string[] names;
    private readonly string[][] cells;

    private ResultTable(string[] names, string[][] cells) => (this.names, this.cells) = (names, cells);

    /// <summary>From a CSV header and rows (no quoting: the studies write plain numbers and names).</summary>
    public static ResultTable Parse(string header, IReadOnlyList<string> rows)
    {
        var names = header.Split(',');
        var cells = rows.Select(r => r.Split(',')).ToArray();
        if (cells.FirstOrDefault(c => c.Length != names.Length) is { } bad)
            throw new FormatException($"a row has {bad.Length} cells, the header {names.Length}");
        return new ResultTable(names, cells);
    }

    public void WriteParquet(string path)
    {
        var fields = new List<DataField>();
        var columns = new List<object>();
        for (int c = 0; c < names.Length; c++)
        {
            var texts = cells.Select(r => r[c]).ToArray();
            var numbers = new double[texts.Length];
            bool numeric = texts.Select((t, i) => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])).All(ok => ok);
            if (numeric) { fields.Add(new DataField<double>(names[c])); columns.Add(numbers); }
            else { fields.Add(new DataField<string>(names[c])); columns.Add(texts); }
        }
        Write(path, new ParquetSchema(fields), fields, columns).GetAwaiter().GetResult();
    }

    private static async Task Write(string path, ParquetSchema schema, List<DataField> fields, List<object> columns)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (int c = 0; c < fields.Count; c++)
        {
            if (columns[c] is double[] numbers) await group.WriteAsync(fields[c], new ReadOnlyMemory<double>(numbers));
            else await group.WriteAsync(fields[c], (string[])columns[c]);
        }
        group.CompleteValidate();
    }
}
