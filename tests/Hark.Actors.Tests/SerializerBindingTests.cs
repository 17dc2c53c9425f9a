using Akka.Actor;
using Hark.Actors.Sharding;
using Hark.Messages;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>
/// The node's own actor system, configured as <c>hark serve</c> configures it, serializes every message type Hark
/// sends between nodes with Hark's serializer: none falls back to Akka's JSON serializer.
/// </summary>
public sealed class SerializerBindingTests(SerializerBindingTests.OneNode node) : IClassFixture<SerializerBindingTests.OneNode>
{
    public sealed class OneNode : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new("hark-serializer-binding");

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Cluster = await TestCluster.StartAsync(_dir.File("archive"), TestCluster.FastSettings, null, ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1));

        public async Task DisposeAsync()
        {
            await Cluster.DisposeAsync();
            _dir.Dispose();
        }
    }

    private static List<Type> Types() => typeof(IHarkMessage).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IHarkMessage).IsAssignableFrom(t))
        .Append(typeof(RecordingStatus))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> WireTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Types())
        {
            data.Add(type.AssemblyQualifiedName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void Every_wire_message_type_uses_the_hark_serializer(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: true)!;
        var serializer = node.Cluster[0].System.Serialization.FindSerializerForType(type);
        Assert.IsType<HarkMessageSerializer>(serializer);
        Assert.Equal(HarkMessageSerializer.SerializerId, serializer.Identifier);
    }

    [Fact]
    public void There_are_wire_types_to_check() => Assert.True(Types().Count >= 20, $"only {Types().Count} wire types found");
}
