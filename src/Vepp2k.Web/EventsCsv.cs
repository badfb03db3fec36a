using System.Globalization;
using System.Text;
using Vepp2k.Control.History;

namespace Vepp2k.Web;

/// <summary>The event log as CSV (RFC 4180 quoting), for spreadsheets.</summary>
public static class EventsCsv
{
    public static string Write(IEnumerable<EventRecord> events)
    {
        var sb = new StringBuilder("id,time,kind,user,subject,message,old,new,result\n");
        foreach (var e in events)
            sb.AppendJoin(',', e.Id.ToString(CultureInfo.InvariantCulture), e.Time.ToString("O", CultureInfo.InvariantCulture), e.Kind,
                Quote(e.User), Quote(e.Subject), Quote(e.Message), Quote(e.OldValue), Quote(e.NewValue), Quote(e.Result)).Append('\n');
        return sb.ToString();
    }

    private static string Quote(string? s) => s is null ? "" : "\"" + s.Replace("\"", "\"\"") + "\"";
}
