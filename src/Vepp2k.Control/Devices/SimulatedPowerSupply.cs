namespace Vepp2k.Control.Devices;

/// <summary>
/// Simulated BINP magnet supply driving its R-L load, advanced in simulated time taken from a
/// <see cref="TimeProvider"/>. Every command first brings the model up to "now", so it acts at the time it is given.
/// </summary>
public sealed class SimulatedPowerSupply : IPowerSupply
{
    /// <summary>Internal integration step: fixed, so one long update and many short ones land on the same grid.</summary>
    private static readonly TimeSpan MaxSubstep = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly GaussianNoise _noise;
    private DateTimeOffset _simulationTime;
    private double _timeInPhase;
    private bool _relayMoving;

    public SimulatedPowerSupply(string name, SupplyParameters parameters, TimeProvider time, int seed)
    {
        parameters.Validate();
        Name = name;
        Parameters = parameters;
        _time = time;
        _noise = new GaussianNoise(seed);
        _simulationTime = time.GetUtcNow();
        Synchronise = () => AdvanceTo(_time.GetUtcNow());
        SampleReadbacks();
    }

    public string Name { get; }
    public SupplyParameters Parameters { get; }
    public SupplyState State { get; private set; } = SupplyState.Off;
    public double Setpoint { get; private set; }
    public double RampedSetpoint { get; private set; }
    public double Dcct1 { get; private set; }
    public double Dcct2 { get; private set; }
    public double OutputVoltage { get; private set; }
    public int Polarity { get; private set; } = 1;
    public InterlockBits LiveInterlocks { get; private set; }
    public InterlockBits LatchedInterlocks { get; private set; }

    /// <summary>True load current [A], without readback noise (simulation truth).</summary>
    public double LoadCurrent { get; private set; }

    /// <summary>Instant up to which the model has been integrated.</summary>
    public DateTimeOffset SimulationTime => _simulationTime;

    /// <summary>Integrates the model up to the time provider's "now"; commands do this first.</summary>
    public void Update() => Synchronise();

    /// <summary>
    /// How <see cref="Update"/> reaches "now". A supply owned by a larger model (a solenoid with quench
    /// protection) points this at the owner's update, so the owner's physics is never skipped.
    /// </summary>
    internal Action Synchronise { get; set; }

    public CommandResult SwitchOn()
    {
        Update();
        switch (State)
        {
            case SupplyState.Off:
                Enter(SupplyState.SwitchingOn);
                return CommandResult.Accept("switching on");
            case SupplyState.Interlock:
                return CommandResult.Refuse($"in Interlock ({LatchedInterlocks}); reset interlocks first");
            default:
                return CommandResult.Refuse($"already {State}");
        }
    }

    public CommandResult SwitchOff()
    {
        Update();
        switch (State)
        {
            case SupplyState.Off:
                return CommandResult.Refuse("already off");
            case SupplyState.SwitchingOff:
                return CommandResult.Refuse("already switching off");
            case SupplyState.Interlock:
                return CommandResult.Refuse("output already disabled by interlock");
            case SupplyState.SwitchingOn:
                // No current has flowed yet, so the contactor can simply open.
                Setpoint = 0;
                Enter(SupplyState.Off);
                return CommandResult.Accept("switch-on aborted, off");
            default:
                // The setpoint becomes what the supply now does: it ramps to zero and stays there.
                Setpoint = 0;
                Enter(SupplyState.SwitchingOff);
                return CommandResult.Accept("ramping to zero, then off");
        }
    }

    public CommandResult SetCurrent(double amperes)
    {
        Update();
        if (!double.IsFinite(amperes))
            return CommandResult.Refuse("setpoint is not a finite number");
        if (!Parameters.Bipolar && amperes < 0)
            return CommandResult.Refuse($"unipolar supply: {amperes} A is negative");
        if (Math.Abs(amperes) > Parameters.MaxCurrent)
            return CommandResult.Refuse($"|{amperes}| A exceeds the {Parameters.MaxCurrent} A rating");
        if (State == SupplyState.Interlock)
            return CommandResult.Refuse($"in Interlock ({LatchedInterlocks}); reset interlocks first");
        if (State == SupplyState.SwitchingOff)
            return CommandResult.Refuse("switching off; wait until off");

        Setpoint = amperes;
        if (State == SupplyState.On && NeedsReversal())
        {
            Enter(SupplyState.ReversingPolarity);
            return CommandResult.Accept("sign change: ramping to zero to reverse polarity");
        }
        return CommandResult.Accept($"setpoint {amperes} A");
    }

    public CommandResult ResetInterlocks()
    {
        Update();
        if (State != SupplyState.Interlock)
            return CommandResult.Refuse($"nothing to reset: state is {State}");
        if (LiveInterlocks != InterlockBits.None)
            return CommandResult.Refuse($"cause still present: {LiveInterlocks}");
        if (LoadCurrent != 0)
            return CommandResult.Refuse($"current still {LoadCurrent:G4} A, ramping down");
        LatchedInterlocks = InterlockBits.None;
        Enter(SupplyState.Off);
        return CommandResult.Accept("interlocks reset, off");
    }

    /// <summary>
    /// Simulation start-up only: the supply is found already on, regulated at this current (as a
    /// running machine is when the control system starts), instead of ramping up from zero.
    /// </summary>
    public void StartRunning(double amperes)
    {
        var check = SetCurrent(amperes);
        if (!check.Accepted) throw new ArgumentOutOfRangeException(nameof(amperes), $"{Name}: {check.Reason}");
        if (Parameters.Bipolar && amperes != 0) Polarity = Math.Sign(amperes);
        Enter(SupplyState.On);
        Setpoint = RampedSetpoint = LoadCurrent = amperes;
        OutputVoltage = Parameters.LoadResistance * amperes;
        SampleReadbacks();
    }

    /// <summary>Fault injection: drives one interlock input. Raising any input trips the supply.</summary>
    public void SetFault(InterlockBits bit, bool active)
    {
        if (bit == InterlockBits.None || (bit & (bit - 1)) != 0 || !Enum.IsDefined(bit))
            throw new ArgumentException($"'{bit}' is not a single interlock bit.", nameof(bit));
        Update();
        ApplyFault(bit, active);
    }

    /// <summary>Drives an interlock input at the model's own time, for an owner in the middle of integrating.</summary>
    internal void ApplyFault(InterlockBits bit, bool active)
    {
        if (!active)
        {
            LiveInterlocks &= ~bit;
            return;
        }
        LiveInterlocks |= bit;
        LatchedInterlocks |= bit;
        Setpoint = 0; // a tripped supply's output is disabled: it asks for nothing until set again
        if (State != SupplyState.Interlock)
            Enter(SupplyState.Interlock);
    }

    /// <summary>
    /// Quench protection opened the energy-extraction switch: the coil current now flows in the dump resistor
    /// and no longer through the supply. Only valid once the supply has tripped.
    /// </summary>
    internal double DisconnectLoad()
    {
        if (State != SupplyState.Interlock)
            throw new InvalidOperationException("The load may only be disconnected from a tripped supply.");
        var current = LoadCurrent;
        LoadCurrent = 0;
        RampedSetpoint = 0;
        OutputVoltage = 0;
        return current;
    }

    internal void AdvanceTo(DateTimeOffset now)
    {
        var elapsed = now - _simulationTime;
        if (elapsed <= TimeSpan.Zero)
            return;
        var pieces = (int)Math.Ceiling(elapsed.Ticks / (double)MaxSubstep.Ticks);
        var dt = elapsed.TotalSeconds / pieces;
        for (var i = 0; i < pieces; i++)
            Step(dt);
        _simulationTime = now;
        SampleReadbacks();
    }

    private void Step(double dt)
    {
        _timeInPhase += dt;
        switch (State)
        {
            case SupplyState.Off:
                return;
            case SupplyState.SwitchingOn:
                if (_timeInPhase >= Parameters.SwitchOnTime)
                {
                    // Current is zero here, so the reversing switch may follow the setpoint's sign.
                    if (Parameters.Bipolar && Setpoint != 0)
                        Polarity = Math.Sign(Setpoint);
                    Enter(SupplyState.On);
                }
                return;
            case SupplyState.On:
                Regulate(Setpoint, dt);
                return;
            case SupplyState.SwitchingOff:
                Regulate(0, dt);
                if (AtZero())
                    Enter(SupplyState.Off);
                return;
            case SupplyState.Interlock:
                Regulate(0, dt);
                if (AtZero())
                    Zero();
                return;
            case SupplyState.ReversingPolarity:
                StepReversal(dt);
                return;
        }
    }

    /// <summary>RV_ZERO, RV_SET_DO, RV_CHK in one: down to zero, move the switch with no current, then back to On.</summary>
    private void StepReversal(double dt)
    {
        if (!_relayMoving)
        {
            Regulate(0, dt);
            if (!AtZero())
                return;
            Zero();
            if (!NeedsReversal())
            {
                Enter(SupplyState.On);
                return;
            }
            _relayMoving = true;
            _timeInPhase = 0;
            return;
        }
        if (_timeInPhase < Parameters.PolarityRelayTime)
            return;
        // The switch takes the sign the operator asks for now; with no current either sign is safe.
        Polarity = Setpoint != 0 ? Math.Sign(Setpoint) : -Polarity;
        _relayMoving = false;
        Enter(SupplyState.On);
    }

    private void Regulate(double target, double dt)
    {
        RampedSetpoint = RlLoad.Ramp(RampedSetpoint, target, Parameters.MaxRampRate, dt);
        (LoadCurrent, OutputVoltage) = RlLoad.Step(Parameters, LoadCurrent, RampedSetpoint, dt);
    }

    private bool NeedsReversal() => Parameters.Bipolar && Setpoint * Polarity < 0;

    private bool AtZero() => RampedSetpoint == 0 && Math.Abs(LoadCurrent) <= Parameters.ZeroCurrentThreshold;

    private void Zero()
    {
        LoadCurrent = 0;
        OutputVoltage = 0;
    }

    private void Enter(SupplyState state)
    {
        if (state == SupplyState.Off)
        {
            Zero();
            RampedSetpoint = 0;
        }
        _relayMoving = false;
        _timeInPhase = 0;
        State = state;
    }

    private void SampleReadbacks()
    {
        var rms = Parameters.NoiseRms;
        Dcct1 = LoadCurrent + _noise.Next(rms);
        Dcct2 = LoadCurrent + _noise.Next(rms);
    }
}
