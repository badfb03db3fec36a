using System.Security;
using System.Text;

namespace Vepp2k.MadX;

/// <summary>Reads input files with a size bound, turning every I/O failure into a located MadxException.</summary>
internal static class SourceFile
{
    // Far above any real lattice, small enough that a device file or a mistaken CALL cannot exhaust memory.
    public const int MaxChars = 16 * 1024 * 1024;

    public static string FullPath(string path, SourceLocation at)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or SecurityException)
        {
            throw new MadxException(at, $"invalid file name '{path}': {e.Message}");
        }
    }

    public static string Read(string fullPath, SourceLocation at)
    {
        try
        {
            using var reader = new StreamReader(fullPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = new StringBuilder();
            var buffer = new char[65536];
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (text.Length + read > MaxChars) throw new MadxException(at, $"file '{fullPath}' exceeds {MaxChars} characters");
                text.Append(buffer, 0, read);
            }
            return text.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException or SecurityException)
        {
            throw new MadxException(at, $"cannot read '{fullPath}': {e.Message}");
        }
    }
}
