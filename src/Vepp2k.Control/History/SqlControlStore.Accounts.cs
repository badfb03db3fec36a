using System.Text.Json;

namespace Vepp2k.Control.History;

public abstract partial class SqlControlStore
{
    /// <summary>Creates the user or replaces its role and hash: the name is the key.</summary>
    public void SaveUser(UserRecord user)
    {
        StoreInput.User(user);
        Write($"save user '{user.Name}'", (c, tx) => Execute(c, tx,
            "INSERT INTO users (name, role, password_hash) VALUES (@n, @r, @h) " +
            "ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash",
            ("@n", user.Name), ("@r", user.Role.ToString()), ("@h", user.PasswordHash)));
    }

    public UserRecord? FindUser(string name)
    {
        StoreInput.Name(name, nameof(name));
        return Read($"find user '{name}'", c => Users(c.CreateCommand(), "WHERE name = @n", name)).SingleOrDefault();
    }

    public IReadOnlyList<UserRecord> ListUsers() => Read("list users", c => Users(c.CreateCommand(), "", null));

    private static List<UserRecord> Users(System.Data.Common.DbCommand cmd, string where, string? name)
    {
        using (cmd)
        {
            cmd.CommandText = $"SELECT name, role, password_hash FROM users {where} ORDER BY name";
            if (name is not null) AddParameter(cmd, "@n", name);
            using var reader = cmd.ExecuteReader();
            var rows = new List<UserRecord>();
            while (reader.Read())
                rows.Add(new UserRecord(reader.GetString(0), Enum.Parse<Role>(reader.GetString(1)), reader.GetString(2)));
            return rows;
        }
    }

    /// <summary>Creates the group or replaces its members: the name is the key.</summary>
    public void SaveGroup(GroupRecord group)
    {
        StoreInput.Group(group);
        Write($"save group '{group.Name}'", (c, tx) => Execute(c, tx,
            "INSERT INTO user_groups (name, members, author, time_us) VALUES (@n, @m, @a, @t) " +
            "ON CONFLICT (name) DO UPDATE SET members = excluded.members, author = excluded.author, time_us = excluded.time_us",
            ("@n", group.Name), ("@m", JsonSerializer.Serialize(group.Members)), ("@a", group.Author),
            ("@t", UnixMicros.From(group.Time))));
    }

    public bool DeleteGroup(string name)
    {
        StoreInput.Name(name, nameof(name));
        return Write($"delete group '{name}'", (c, tx) =>
            Execute(c, tx, "DELETE FROM user_groups WHERE name = @n", ("@n", name)) > 0);
    }

    public IReadOnlyList<GroupRecord> ListGroups() => Read("list groups", c =>
    {
        using var cmd = Command(c, null, "SELECT name, members, author, time_us FROM user_groups ORDER BY name");
        using var reader = cmd.ExecuteReader();
        var rows = new List<GroupRecord>();
        while (reader.Read())
        {
            rows.Add(new GroupRecord(reader.GetString(0), JsonSerializer.Deserialize<string[]>(reader.GetString(1)) ?? [],
                reader.GetString(2), UnixMicros.ToTime(reader.GetInt64(3))));
        }
        return rows;
    });
}
