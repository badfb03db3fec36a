namespace Vepp2k.Epics.Protocol;

/// <summary>CA message command codes (epics-base caProto.h). Only those the server reads or writes.</summary>
internal enum CaCommand : ushort
{
    Version = 0,
    EventAdd = 1,
    EventCancel = 2,
    Read = 3,
    Write = 4,
    Search = 6,
    EventsOff = 8,
    EventsOn = 9,
    Error = 11,
    ClearChannel = 12,
    Beacon = 13,
    NotFound = 14,
    ReadNotify = 15,
    CreateChannel = 18,
    WriteNotify = 19,
    ClientName = 20,
    HostName = 21,
    AccessRights = 22,
    Echo = 23,
    CreateChannelFail = 26,
    ServerDisconnect = 27,
}

/// <summary>Protocol constants shared by the UDP and TCP sides.</summary>
internal static class Ca
{
    /// <summary>CA 4.13: zero element counts mean "as many as the channel has now".</summary>
    public const ushort MinorVersion = 13;

    /// <summary>SEARCH data type asking for a NOT_FOUND reply when the name is unknown (TCP only here).</summary>
    public const ushort DoReply = 10;

    /// <summary>VERSION data type flag: parameter 1 carries the client's search sequence number.</summary>
    public const ushort SequenceNumberValid = 1;

    /// <summary>Seconds between the POSIX epoch and the EPICS epoch (1990-01-01 UTC).</summary>
    public const long EpicsEpochOffset = 631_152_000;

    public const int HeaderSize = 16;
    public const int ExtendedHeaderSize = 24;

    /// <summary>Payloads at or above this size need the extended header (payload size field 0xFFFF).</summary>
    public const int LargestSmallPayload = 0xFFFF - 8;
}

/// <summary>ECA status codes (caerr.h: message number shifted by 3, ored with the severity).</summary>
internal static class Eca
{
    public const uint Normal = 1;
    public const uint BadType = 0x072;
    public const uint PutFail = 0x0a0;
    public const uint BadCount = 0x0b0;
    public const uint AllocMem = 0x030;
    public const uint NoWriteAccess = 0x178;
    public const uint NoConvert = 0x190;
    public const uint BadChannelId = 0x19a;
}
