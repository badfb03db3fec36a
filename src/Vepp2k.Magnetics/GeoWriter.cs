using System.Globalization;
using System.Text;

namespace Vepp2k.Magnetics;

/// <summary>
/// Writes a Gmsh .geo script for a cross-section: every piece as a plane surface, the air disk, one
/// BooleanFragments to make the mesh conform, then the physical groups found again by each piece's
/// bounding box (tags change in the fragmenting, boxes do not), and the mesh-size field.
/// </summary>
public static class GeoWriter
{
    /// <summary>Tag of the physical curve on the rim of the air disk (a_z = 0 there).</summary>
    public const int OuterBoundary = 10;

    private const double Eps = 1e-6;

    public static string Write(MagnetSection section, MeshSettings mesh)
    {
        var s = new StringBuilder();
        s.AppendLine($"// {section.Name}: written by Vepp2k.Magnetics.GeoWriter");
        s.AppendLine("SetFactory(\"OpenCASCADE\");");
        s.AppendLine("Mesh.MeshSizeFromPoints = 0; Mesh.MeshSizeExtendFromBoundary = 0; Mesh.MeshSizeFromCurvature = 0;");
        int point = 0, line = 0;
        for (int k = 0; k < section.Pieces.Count; k++)
        {
            var corners = section.Pieces[k].Corners;
            int first = point + 1;
            foreach (var c in corners) s.AppendLine($"Point({++point}) = {{{F(c.X)}, {F(c.Y)}, 0}};");
            int firstLine = line + 1;
            for (int j = 0; j < corners.Count; j++) s.AppendLine($"Line({++line}) = {{{first + j}, {first + (j + 1) % corners.Count}}};");
            s.AppendLine($"Curve Loop({k + 1}) = {{{string.Join(", ", Enumerable.Range(firstLine, corners.Count))}}};");
            s.AppendLine($"Plane Surface({k + 1}) = {{{k + 1}}};");
        }
        var box = section.AirBox;
        s.AppendLine(box is null
            ? $"Disk({section.Pieces.Count + 1}) = {{0, 0, 0, {F(section.AirRadius)}}};"
            : $"Rectangle({section.Pieces.Count + 1}) = {{{F(box.X0)}, {F(box.Y0)}, 0, {F(box.X1 - box.X0)}, {F(box.Y1 - box.Y0)}}};");
        s.AppendLine("BooleanFragments{ Surface{:}; Delete; }{}");
        foreach (var m in (ReadOnlySpan<Material>)[Material.Iron, Material.CoilPlus, Material.CoilMinus])
        {
            s.AppendLine($"g{(int)m}() = {{}};");
            foreach (var p in section.Pieces.Where(p => p.Material == m))
            {
                var (x0, y0, x1, y1) = (p.Corners.Min(c => c.X), p.Corners.Min(c => c.Y), p.Corners.Max(c => c.X), p.Corners.Max(c => c.Y));
                s.AppendLine($"g{(int)m}() += Surface In BoundingBox{{{F(x0 - Eps)}, {F(y0 - Eps)}, {F(-Eps)}, {F(x1 + Eps)}, {F(y1 + Eps)}, {F(Eps)}}};");
            }
        }
        s.AppendLine("air() = Surface{:}; air() -= {g2(), g3(), g4()};");
        // The solver refuses nothing it is given, so a piece that was not found again would silently
        // turn into air: the count printed here is checked by the C# side.
        s.AppendLine("Printf(\"pieces iron %g coilplus %g coilminus %g\", #g2(), #g3(), #g4());");
        // Turned after the pieces are found (their boxes are axis-aligned) and before the physical
        // groups are made: a physical curve defined before the turn loses its mesh in Gmsh 4.8.
        if (section.Rotation != 0) s.AppendLine($"Rotate {{{{0, 0, 1}}, {{0, 0, 0}}, {F(section.Rotation)}}} {{ Surface{{:}}; }}");
        s.AppendLine($"Physical Surface({(int)Material.Air}) = {{air()}};");
        s.AppendLine($"Physical Surface({(int)Material.Iron}) = {{g2()}};");
        s.AppendLine($"Physical Surface({(int)Material.CoilPlus}) = {{g3()}};");
        s.AppendLine($"Physical Surface({(int)Material.CoilMinus}) = {{g4()}};");
        // The rim: every curve in a box a little larger than the outer boundary, less those in one a little smaller.
        double r = section.AirRadius;
        var outer = box ?? new Box(-r, -r, r, r);
        double pad = 0.01 * Math.Max(outer.X1 - outer.X0, outer.Y1 - outer.Y0);
        s.AppendLine($"rim() = Curve In BoundingBox{{{F(outer.X0 - pad)}, {F(outer.Y0 - pad)}, {F(-Eps)}, {F(outer.X1 + pad)}, {F(outer.Y1 + pad)}, {F(Eps)}}};");
        s.AppendLine($"rim() -= Curve In BoundingBox{{{F(outer.X0 + pad)}, {F(outer.Y0 + pad)}, {F(-Eps)}, {F(outer.X1 - pad)}, {F(outer.Y1 - pad)}, {F(Eps)}}};");
        s.AppendLine($"Physical Curve({OuterBoundary}) = {{rim()}};");
        s.AppendLine($"Field[1] = MathEval; Field[1].F = \"{F(mesh.Aperture)} + {F(mesh.Growth)} * Sqrt(x*x + y*y)\";");
        s.AppendLine($"Field[2] = MathEval; Field[2].F = \"{F(mesh.Max)}\";");
        s.AppendLine("Field[3] = Min; Field[3].FieldsList = {1, 2};");
        s.AppendLine("Background Field = 3;");
        return s.ToString();
    }

    /// <summary>The counts the script prints, for checking that every piece was found again.</summary>
    public static string ExpectedCounts(MagnetSection section) =>
        $"pieces iron {section.Pieces.Count(p => p.Material == Material.Iron)} coilplus {section.Pieces.Count(p => p.Material == Material.CoilPlus)} coilminus {section.Pieces.Count(p => p.Material == Material.CoilMinus)}";

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
