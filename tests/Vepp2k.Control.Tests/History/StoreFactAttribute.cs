using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vepp2k.Control.Tests.History;

/// <summary>Marks a test class whose store is PostgreSQL, so its inherited store facts can be skipped.</summary>
public interface IPostgresTests;

/// <summary>
/// A fact of the shared store contract. The contract lives in one abstract class and runs once per
/// store; xunit 2 decides skipping per method, not per class, so this discoverer skips the
/// PostgreSQL class's copies when no server is configured and runs everything else as a plain fact.
/// </summary>
[XunitTestCaseDiscoverer("Vepp2k.Control.Tests.History.StoreFactDiscoverer", "Vepp2k.Control.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _fact = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        if (typeof(IPostgresTests).IsAssignableFrom(type) && PostgresTestDatabase.ConnectionString is null)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresTestDatabase.SkipReason)];
        }
        return _fact.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
