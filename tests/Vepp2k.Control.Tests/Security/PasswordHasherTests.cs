using Vepp2k.Control.Security;

namespace Vepp2k.Control.Tests.Security;

public class PasswordHasherTests
{
    [Fact]
    public void A_hash_verifies_its_password_and_nothing_else()
    {
        string hash = PasswordHasher.Hash("correct horse");
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct hors", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void Hashes_are_salted_and_carry_their_parameters()
    {
        string a = PasswordHasher.Hash("same"), b = PasswordHasher.Hash("same");
        Assert.NotEqual(a, b);
        var parts = a.Split('$');
        Assert.Equal(("pbkdf2", "100000", 16, 32), (parts[0], parts[1], Convert.FromBase64String(parts[2]).Length, Convert.FromBase64String(parts[3]).Length));
    }

    /// <summary>RFC 7914 section 11, PBKDF2-HMAC-SHA256 test vector (P="passwd", S="salt", c=1, dkLen=64).</summary>
    [Fact]
    public void Verify_agrees_with_the_RFC_7914_test_vector()
    {
        byte[] dk = Convert.FromHexString(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        string stored = $"pbkdf2$1${Convert.ToBase64String("salt"u8)}${Convert.ToBase64String(dk)}";
        Assert.True(PasswordHasher.Verify("passwd", stored));
        Assert.False(PasswordHasher.Verify("passwe", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2$100000$c2FsdA==")]
    [InlineData("sha1$1$c2FsdA==$c2FsdA==")]
    [InlineData("pbkdf2$0$c2FsdA==$c2FsdA==")]
    [InlineData("pbkdf2$-5$c2FsdA==$c2FsdA==")]
    [InlineData("pbkdf2$999999999$c2FsdA==$c2FsdA==")]
    [InlineData("pbkdf2$1$not base64!$c2FsdA==")]
    [InlineData("pbkdf2$1$$c2FsdA==")]
    public void A_malformed_stored_hash_is_a_FormatException(string stored) =>
        Assert.Throws<FormatException>(() => PasswordHasher.Verify("x", stored));
}
