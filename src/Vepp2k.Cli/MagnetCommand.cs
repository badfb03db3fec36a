using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Cli;

/// <summary>vepp2k magnet NAME --energy GeV (--current A | --strength VALUE) [--json]: one magnet's conversion.</summary>
public static class MagnetCommand
{
    /// <summary>JSON shape of the answer; energy in eV as everywhere in our JSON.</summary>
    public sealed record Answer(string Name, double Current, double Field, string FieldUnit, double Strength, string StrengthUnit, double Energy);

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "magnet name (1M1, 1F1, 2S3, 1D1Z, ...) or channel path (VEPP/UM/1/F1X)" };
        var energy = new Option<double>("--energy") { Description = "beam energy [GeV], 0.16 to 1.0", Required = true };
        var current = new Option<double?>("--current") { Description = "supply current [A]" };
        var strength = new Option<double?>("--strength") { Description = "MAD-X strength: bend angle [rad], K1 [1/m^2], KS [1/m], K2 [1/m^3] or kick [rad]" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("magnet", "convert between supply current and field/strength for one magnet at a beam energy")
        {
            name, energy, current, strength, json,
        };
        command.SetAction(parse =>
        {
            try
            {
                var magnet = MagnetCatalogue.Default.Find(parse.GetValue(name)!);
                double e = parse.GetValue(energy) * 1e9;
                var (i, k) = (parse.GetValue(current), parse.GetValue(strength)) switch
                {
                    ({ } amps, null) => (amps, magnet.StrengthFromCurrent(amps, e)),
                    (null, { } value) => (magnet.CurrentFromStrength(value, e), value),
                    _ => throw new ArgumentException("give exactly one of --current and --strength"),
                };
                var answer = new Answer(magnet.Name, i, magnet.FieldFromCurrent(i), magnet.FieldUnit, k, magnet.StrengthUnit, e);
                if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(answer, OpticsCommand.Json));
                else
                {
                    var c = CultureInfo.InvariantCulture;
                    Console.WriteLine(string.Create(c, $"{magnet.Name} ({magnet.Kind}, {magnet.Channel}) at {e / 1e9:G6} GeV"));
                    Console.WriteLine(string.Create(c, $"  current  {i:G10} A"));
                    Console.WriteLine(string.Create(c, $"  field    {answer.Field:G10} {magnet.FieldUnit}"));
                    Console.WriteLine(string.Create(c, $"  strength {k:G10} {magnet.StrengthUnit}"));
                }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"vepp2k magnet: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
