namespace Vepp2k.Control.Devices;

/// <summary>Interlock inputs of the BINP supplies (ilk_out_prot, ilk_water, ilk_imax, ilk_umax, ilk_phase, ilk_temp).</summary>
[Flags]
public enum InterlockBits
{
    None = 0,
    OutputProtection = 1 << 0,
    Water = 1 << 1,
    CurrentMax = 1 << 2,
    VoltageMax = 1 << 3,
    Phase = 1 << 4,
    Temperature = 1 << 5,
}
