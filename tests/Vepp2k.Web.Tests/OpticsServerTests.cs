using System.Net;
using System.Text.Json;
using Vepp2k.Machine;
using Vepp2k.Physics.Optics;
using Vepp2k.Web;

namespace Vepp2k.Web.Tests;

/// <summary>The HTTP API served on a free loopback port, queried by a real HTTP client.</summary>
public sealed class OpticsServerTests : IAsyncLifetime
{
    private Microsoft.AspNetCore.Builder.WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        app = OpticsServer.Create(new ServerOptions("127.0.0.1", 0));
        await app.StartAsync();
        client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task OpticsEndpointServesTheSameNumbersAsTheModel()
    {
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/optics")).RootElement;
        var direct = LinearOptics.Compute(Modes.Load(Modes.Default).Lattice);
        Assert.Equal(direct.Tunes[0], json.GetProperty("tunes")[0].GetDouble(), 12);
        Assert.Equal("design-1GeV", json.GetProperty("mode").GetString());
        Assert.True(json.GetProperty("table1").GetArrayLength() > 10);
    }

    [Fact]
    public async Task TwissEndpointListsEveryElementOfTheRequestedMode()
    {
        var rows = JsonDocument.Parse(await client.GetStringAsync("/api/twiss?mode=flat-1GeV")).RootElement;
        Assert.Equal(Modes.Load("flat-1GeV").Lattice.Elements.Count + 1, rows.GetArrayLength());
        Assert.Equal(24.388, rows[rows.GetArrayLength() - 1].GetProperty("s").GetDouble(), 9);
    }

    [Fact]
    public async Task ModesEndpointListsTheRegistryWithoutItsDesignFunctions()
    {
        var modes = JsonDocument.Parse(await client.GetStringAsync("/api/modes")).RootElement;
        Assert.Equal(Modes.All.Select(m => m.Name), modes.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.All(modes.EnumerateArray(), m => Assert.False(m.TryGetProperty("design", out _)));
        Assert.True(modes.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "operating-5cm").GetProperty("facilityFit").GetBoolean());
    }

    [Fact]
    public async Task BadRequestsGet400WithTheReason()
    {
        var response = await client.GetAsync("/api/optics?mode=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown mode", await response.Content.ReadAsStringAsync());
    }
}
