using System.Text;

namespace Vepp2k.Magnetics;

/// <summary>
/// Writes the GetDP problem: 2-D magnetostatics in the vector potential a = a_z e_z (b = curl a),
/// second-order elements (nodal plus hierarchical edge functions: with first-order ones the mesh
/// noise put forbidden quadrupole harmonics at 1e-3, with second-order ones below 1e-5),
/// a_z = 0 on the rim of the air disk, coils as uniform current densities J = +-(turns x current)/area,
/// and nonlinear iron solved by Newton iterations with the reluctivity nu(|b|^2) interpolated in the B-H table (the Jacobian adds 2 dnu/d(b^2) b (x) b).
/// The post-operation writes a_z on the reference circle, b at the centre, and |b| and a_z on a grid,
/// as GetDP's SimpleTable text.
/// </summary>
public static class ProWriter
{
    public const string Resolution = "MagSta";
    public const string PostOperation = "Fields";
    public const string CircleFile = "circle.txt";
    public const string CentreFile = "centre.txt";
    public const string MapFile = "map.txt";
    public const string MapPotentialFile = "mapaz.txt";

    /// <summary>Points on the reference circle; a power of two well above the highest harmonic we report.</summary>
    public const int CirclePoints = 256;

    public static string Write(MagnetSection section, IronModel iron, double current, FieldMapRequest? map)
    {
        double plus = BlockArea(section, Material.CoilPlus), minus = BlockArea(section, Material.CoilMinus);
        double ampereTurns = section.TurnsPerCoilBlock * current;
        var s = new StringBuilder();
        s.AppendLine($"// {section.Name} at {F(current)} A: written by Vepp2k.Magnetics.ProWriter");
        s.AppendLine($$"""
            Group {
              Air = Region[{{(int)Material.Air}}]; Iron = Region[{{(int)Material.Iron}}];
              CoilP = Region[{{(int)Material.CoilPlus}}]; CoilN = Region[{{(int)Material.CoilMinus}}];
              Rim = Region[{{GeoWriter.OuterBoundary}}];
              Coils = Region[{CoilP, CoilN}]; Vol = Region[{Air, Iron, Coils}]; VolL = Region[{Air, Coils}];
            }
            Function {
              mu0 = 4e-7*Pi;
              nu[VolL] = 1/mu0;
            {{IronFunctions(iron)}}
              js[CoilP] = Vector[0, 0, {{F(ampereTurns / plus)}}];
              js[CoilN] = Vector[0, 0, {{F(-ampereTurns / minus)}}];
            }
            Constraint { { Name Rim0; Case { { Region Rim; Value 0; } } } }
            Jacobian { { Name Vol; Case { { Region All; Jacobian Vol; } } } }
            Integration { { Name I1; Case { { Type Gauss; Case { { GeoElement Triangle; NumberOfPoints 7; } } } } } }
            FunctionSpace {
              { Name Ha; Type Form1P;
                BasisFunction {
                  { Name se; NameOfCoef ae; Function BF_PerpendicularEdge; Support Vol; Entity NodesOf[All]; }
                  { Name se2; NameOfCoef ae2; Function BF_PerpendicularEdge_2E; Support Vol; Entity EdgesOf[All]; }
                }
                Constraint {
                  { NameOfCoef ae; EntityType NodesOf; NameOfConstraint Rim0; }
                  { NameOfCoef ae2; EntityType EdgesOf; NameOfConstraint Rim0; }
                }
              }
            }
            Formulation {
              { Name MagSta; Type FemEquation;
                Quantity { { Name a; Type Local; NameOfSpace Ha; } }
                Equation {
                  Galerkin { [ nu[{d a}] * Dof{d a}, {d a} ]; In Vol; Jacobian Vol; Integration I1; }
            {{(iron is IronModel.Nonlinear ? "      Galerkin { JacNL[ dhdb_NL[{d a}] * Dof{d a}, {d a} ]; In Iron; Jacobian Vol; Integration I1; }" : "")}}
                  Galerkin { [ -js[], {a} ]; In Coils; Jacobian Vol; Integration I1; }
                }
              }
            }
            Resolution {
              { Name {{Resolution}}; System { { Name A; NameOfFormulation MagSta; } }
                Operation {
                  InitSolution[A];
                  IterativeLoop[{{MaxIterations}}, {{F(Tolerance)}}, 1] { GenerateJac[A]; SolveJac[A]; }
                  SaveSolution[A];
                }
              }
            }
            PostProcessing {
              { Name P; NameOfFormulation MagSta;
                Quantity {
                  { Name az; Value { Term { [ CompZ[{a}] ]; In Vol; Jacobian Vol; } } }
                  { Name b; Value { Term { [ {d a} ]; In Vol; Jacobian Vol; } } }
                  { Name normb; Value { Term { [ Norm[{d a}] ]; In Vol; Jacobian Vol; } } }
                }
              }
            }
            PostOperation {
              { Name {{PostOperation}}; NameOfPostProcessing P;
                Operation {
                  Print[ az, OnGrid {{{F(section.ReferenceRadius)}}*Cos[$A], {{F(section.ReferenceRadius)}}*Sin[$A], 0} { {{Range(0, 2 * Math.PI / CirclePoints, CirclePoints)}}, 0, 0 }, Format SimpleTable, File "{{CircleFile}}" ];
                  Print[ b, OnPoint {0, 0, 0}, Format SimpleTable, File "{{CentreFile}}" ];
            {{MapPrint(map)}}
                }
              }
            }
            """);
        return s.ToString();
    }

    /// <summary>Newton steps allowed; a saturated dipole takes about ten.</summary>
    public const int MaxIterations = 50;
    /// <summary>Relative residual at which GetDP's Newton loop stops; round-off alone leaves about 1e-8.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>One current density per region needs every block of the region to have the same area.</summary>
    private static double BlockArea(MagnetSection section, Material m)
    {
        var areas = section.Pieces.Where(p => p.Material == m).Select(p => p.Area).ToArray();
        if (areas.Length == 0 || areas.Max() - areas.Min() > 1e-9 * areas.Max())
            throw new ArgumentException($"{section.Name}: the {m} coil blocks must exist and have equal areas");
        return areas.Average();
    }

    private static string IronFunctions(IronModel iron) => iron switch
    {
        IronModel.Linear l => $"  nu[Iron] = 1/(mu0*{F(l.RelativePermeability)});",
        // nu = H/B on the table's points, as a function of B^2 so that the Newton Jacobian is smooth at b = 0.
        IronModel.Nonlinear n => $$"""
              hl() = {{{string.Join(", ", n.Curve.H.Select(F))}}};
              bl() = {{{string.Join(", ", n.Curve.B.Select(F))}}};
              b2() = bl()^2; nul() = hl()/bl(); nul(0) = nul(1);
              nub2() = ListAlt[b2(), nul()];
              nu[Iron] = InterpolationLinear[SquNorm[$1]]{nub2()};
              dnudb2[Iron] = dInterpolationLinear[SquNorm[$1]]{nub2()};
              dhdb_NL[Iron] = 2*dnudb2[$1#1]*SquDyadicProduct[#1];
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(iron)),
    };

    private static string MapPrint(FieldMapRequest? map)
    {
        if (map is null) return "";
        string axis = Range(-map.HalfWidth, 2 * map.HalfWidth / (map.Points - 1), map.Points);
        return $"      Print[ normb, OnGrid {{$A, $B, 0}} {{ {axis}, {axis}, 0 }}, Format SimpleTable, File \"{MapFile}\" ];\n" +
            $"      Print[ az, OnGrid {{$A, $B, 0}} {{ {axis}, {axis}, 0 }}, Format SimpleTable, File \"{MapPotentialFile}\" ];";
    }

    /// <summary>GetDP's first:last:step for <paramref name="count"/> values; the last is padded by half a step so round-off neither drops nor adds one.</summary>
    private static string Range(double first, double step, int count) => $"{F(first)}:{F(first + (count - 0.5) * step)}:{F(step)}";

    private static string F(double v) => GeoWriter.F(v);
}

/// <summary>|B| on a square grid of <paramref name="Points"/> x <paramref name="Points"/> over [-HalfWidth, HalfWidth]^2 [m].</summary>
public sealed record FieldMapRequest(double HalfWidth, int Points);
