namespace Vepp2k.MadX;

/// <summary>A named global variable. The object lives as long as the workspace; assignments replace its formula.</summary>
internal sealed class Variable(string name, Formula value)
{
    public string Name { get; } = name;

    public Formula Value { get; set; } = value;

    public double Read(Workspace workspace) => Value.Evaluate(workspace, $"variable '{Name}'");
}
