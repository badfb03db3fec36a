using System.Data.Common;
using System.Text;

namespace Vepp2k.Control.History;

/// <summary>Turns an <see cref="EventQuery"/> into a parameterised WHERE clause (never string-built values).</summary>
internal static class EventFilterSql
{
    public static string Apply(DbCommand cmd, EventQuery query, string like)
    {
        var where = new List<string>();
        void Add(string clause, string name, object value)
        {
            where.Add(clause);
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        if (query.From is { } from) Add("time_us >= @from", "@from", UnixMicros.From(from));
        if (query.To is { } to) Add("time_us <= @to", "@to", UnixMicros.From(to));
        if (query.Kind is { } kind) Add("kind = @kind", "@kind", kind.ToString());
        if (query.User is { } user) Add("user_name = @user", "@user", user);
        if (query.Subject is { } subject) Add("subject = @subject", "@subject", subject);
        if (!string.IsNullOrEmpty(query.Text))
        {
            Add($"(subject {like} @text ESCAPE '\\' OR message {like} @text ESCAPE '\\' OR user_name {like} @text ESCAPE '\\')",
                "@text", "%" + EscapeLike(query.Text) + "%");
        }
        return where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
    }

    /// <summary>The searched text is literal: % and _ typed by an operator must not act as wildcards.</summary>
    private static string EscapeLike(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            if (ch is '%' or '_' or '\\') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
