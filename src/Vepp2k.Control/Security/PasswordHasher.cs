using System.Security.Cryptography;
using System.Text;

namespace Vepp2k.Control.Security;

/// <summary>
/// Salted PBKDF2-SHA256 password hashes stored as <c>pbkdf2$iterations$salt$hash</c> (base64 parts).
/// The iteration count travels with the hash so it can be raised later without breaking old users.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 100_000;
    private const int SaltBytes = 16, HashBytes = 32;
    // A stored count above this is refused: a tampered row must not make one login take hours.
    private const int MaxIterations = 10_000_000;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations);
        return $"pbkdf2${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when the password matches; the comparison takes the same time wherever they differ.</summary>
    /// <exception cref="FormatException">The stored text is not a hash this class wrote.</exception>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2"
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out int iterations)
            || iterations < 1 || iterations > MaxIterations)
            throw new FormatException("Stored password hash is not in the form pbkdf2$iterations$salt$hash.");
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException ex)
        {
            throw new FormatException("Stored password hash has a salt or hash that is not base64.", ex);
        }
        if (salt.Length == 0 || expected.Length == 0)
            throw new FormatException("Stored password hash has an empty salt or hash.");
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
