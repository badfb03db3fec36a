namespace Vepp2k.Control.Devices;

/// <summary>
/// Supply states, a condensed form of the BINP IST/CDAC20 driver states
/// (IS_OFF, SW_ON_*, IS_ON, SW_OFF_*, INTERLOCK, RV_* polarity reversal).
/// </summary>
public enum SupplyState
{
    /// <summary>Output disabled, current zero.</summary>
    Off,
    /// <summary>Contactor closing and regulator being enabled; current still zero.</summary>
    SwitchingOn,
    /// <summary>Regulating: the ramped setpoint walks towards the setpoint.</summary>
    On,
    /// <summary>Ramping down to zero before the output is disabled.</summary>
    SwitchingOff,
    /// <summary>Tripped: the current is ramped down to zero and stays there until the interlocks are reset.</summary>
    Interlock,
    /// <summary>Bipolar supply changing sign: down to zero, reversing switch, then up.</summary>
    ReversingPolarity,
}
