namespace Vepp2k.MadX;

/// <summary>One entry of an expansion in progress; generated drifts are numbered when the list is final.</summary>
internal readonly record struct Slot(string Name, ElementData Data, bool GeneratedDrift);
