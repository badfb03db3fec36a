namespace Vepp2k.Epics.Protocol;

/// <summary>The element types of the DBR families, in wire order (db_access.h).</summary>
internal enum DbrElement { String = 0, Short = 1, Float = 2, Enum = 3, Char = 4, Long = 5, Double = 6 }

/// <summary>The DBR families: the value alone, with alarm, with time stamp, with display (GR) or control metadata.</summary>
internal enum DbrFamily { Plain = 0, Status = 1, Time = 2, Graphic = 3, Control = 4 }

/// <summary>
/// The layout of DBR types 0-34: family, element type and where the value array starts inside the
/// struct (db_access.h, including the RISC pad fields that align the value).
/// </summary>
internal static class DbrType
{
    public const ushort Last = 34;
    public const int StringSize = 40;
    public const int EnumStates = 16;
    public const int EnumStateSize = 26;
    public const int UnitsSize = 8;

    // Offsets of the value in the STS, TIME, GR and CTRL structs, by element type.
    private static readonly int[] StatusOffset = [4, 4, 4, 4, 5, 4, 8];
    private static readonly int[] TimeOffset = [12, 14, 12, 14, 15, 12, 16];
    private static readonly int[] GraphicOffset = [4, 24, 40, 422, 19, 36, 64];
    private static readonly int[] ControlOffset = [4, 28, 48, 422, 21, 44, 80];
    private static readonly int[] ElementSizes = [StringSize, 2, 4, 2, 1, 4, 8];

    public static bool IsValid(ushort type) => type <= Last;

    public static DbrFamily Family(ushort type) => (DbrFamily)(type / 7);

    public static DbrElement Element(ushort type) => (DbrElement)(type % 7);

    public static int ElementSize(DbrElement element) => ElementSizes[(int)element];

    public static int ValueOffset(ushort type) => Family(type) switch
    {
        DbrFamily.Plain => 0,
        DbrFamily.Status => StatusOffset[type % 7],
        DbrFamily.Time => TimeOffset[type % 7],
        DbrFamily.Graphic => GraphicOffset[type % 7],
        _ => ControlOffset[type % 7],
    };

    /// <summary>Bytes of a DBR value of this type with <paramref name="count"/> elements (before padding).</summary>
    public static long Size(ushort type, long count) => ValueOffset(type) + count * ElementSize(Element(type));
}
