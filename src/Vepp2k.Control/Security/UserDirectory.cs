using System.Security.Cryptography;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Security;

/// <summary>
/// The users of the control system and their roles, kept in the store with hashed passwords.
/// On first start an admin is created: with the given password (unattended starts), or with a
/// random one written to a file only the owner can read, whose path is reported.
/// </summary>
public sealed class UserDirectory(IControlStore store)
{
    public const string AdminName = "admin";

    /// <summary>Creates the admin if there is none; returns a line for the operator saying where the credential is.</summary>
    public string EnsureAdmin(string? password, string dataFolder)
    {
        if (store.FindUser(AdminName) is not null)
            return password is null ? "admin exists" : "admin exists; --admin-password ignored (change it with 'vepp2k user')";
        if (password is not null)
        {
            if (password.Length < 8) throw new ArgumentException("the admin password needs at least 8 characters");
            store.SaveUser(new UserRecord(AdminName, Role.Admin, PasswordHasher.Hash(password)));
            return "admin created with the given password";
        }
        string generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', 'x').Replace('+', 'y');
        Directory.CreateDirectory(dataFolder);
        string file = Path.Combine(dataFolder, "admin-password.txt");
        File.WriteAllText(file, generated + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        store.SaveUser(new UserRecord(AdminName, Role.Admin, PasswordHasher.Hash(generated)));
        return $"admin created; its password is in {Path.GetFullPath(file)}";
    }

    /// <summary>The user's role if the password is right, otherwise null (same answer for unknown users).</summary>
    public Role? Authenticate(string user, string password)
    {
        var record = store.FindUser(user);
        if (record is null)
        {
            // Same work as a real check, so timing does not tell which user names exist.
            PasswordHasher.Verify(password, DummyHash.Value);
            return null;
        }
        return PasswordHasher.Verify(password, record.PasswordHash) ? record.Role : null;
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash("not a password"));

    /// <summary>Adds or changes a user; null when saved, else why not. Rights are the caller's (<see cref="UserAdministration"/>).</summary>
    public string? Save(string name, Role role, string password)
    {
        if (OperatorName.Problem(name, "user name") is { } bad) return bad;
        if (password.Length < 8) return "a password needs at least 8 characters";
        store.SaveUser(new UserRecord(name, role, PasswordHasher.Hash(password)));
        return null;
    }
}
