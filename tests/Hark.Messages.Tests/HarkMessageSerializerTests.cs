using System.Runtime.Serialization;
using Akka.Serialization;
using Hark.Messages;

namespace Hark.Messages.Tests;

public sealed class HarkMessageSerializerTests(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<object> Messages()
    {
        var data = new TheoryData<object>();
        foreach (var message in SampleMessages.All())
        {
            data.Add(message);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_message_round_trips(object message)
    {
        var serializer = fixture.Serializer;
        var manifest = serializer.Manifest(message);
        var bytes = serializer.ToBinary(message);

        var back = serializer.FromBinary(bytes, manifest);

        Assert.Equal(message, back);
        Assert.True(manifest.Length <= 2, $"manifest '{manifest}' is not short");
    }

    [Fact]
    public void Every_message_type_in_the_assembly_has_a_manifest_and_a_sample()
    {
        var wireTypes = typeof(IHarkMessage).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IHarkMessage).IsAssignableFrom(t))
            .Append(typeof(RecordingStatus)) // the front door's status travels as the entity's answer
            .ToHashSet();
        var sampled = SampleMessages.All().Select(m => m.GetType())
            .Append(typeof(SegmentChunk)).Append(typeof(ImportFinished)).Append(typeof(NodeMetricsReport)).ToHashSet();

        Assert.Equal(wireTypes.OrderBy(t => t.Name), sampled.OrderBy(t => t.Name));
        var manifests = wireTypes.Select(t => fixture.Serializer.Manifest(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t))).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct().Count());
    }

    [Fact]
    public void A_full_metrics_report_round_trips_under_64_kilobytes()
    {
        var samples = Enumerable.Range(0, NodeMetricsReport.MaxSamples)
            .Select(i => new NodeMetricsSample(1_796_112_000_000 + 2000L * i, i % 3, 12.5 * i, 41.25, 1e6 / 3, 0.75, 250.5,
                long.MaxValue - i, i * 7L, i * 3L, long.MaxValue / 3 - i, i * 11L, i * 5L, i % 2))
            .ToArray();
        var message = new NodeMetricsReport("akka.tcp://hark@10.0.0.2:4053", "1.2.3+abc", 1_796_100_000_000, 2, samples);

        var bytes = fixture.Serializer.ToBinary(message);
        var back = (NodeMetricsReport)fixture.Serializer.FromBinary(bytes, fixture.Serializer.Manifest(message));

        Assert.True(bytes.Length < 64 * 1024, $"{bytes.Length} bytes");
        Assert.Equal(message with { Samples = [] }, back with { Samples = [] });
        Assert.Equal(samples, back.Samples);
    }

    [Fact]
    public void A_report_claiming_more_samples_than_allowed_is_refused()
    {
        var message = new NodeMetricsReport("a", "v", 0, 0, []);
        var bytes = fixture.Serializer.ToBinary(message);
        bytes[^1] = 0xff; // the sample count, 7-bit encoded: 0xff 0x03 would be 511
        var longer = bytes.Append((byte)0x03).ToArray();

        Assert.Throws<SerializationException>(() => fixture.Serializer.FromBinary(longer, fixture.Serializer.Manifest(message)));
    }

    [Fact]
    public void Import_finished_round_trips_with_its_node_list()
    {
        var message = new ImportFinished("rec-1", RecordingPhase.Complete, null, ["akka.tcp://hark@a:1", "", "akka.tcp://hark@b:2"]);

        var back = (ImportFinished)RoundTrip(message);

        Assert.Equal(message.RecordingId, back.RecordingId);
        Assert.Equal(message.Phase, back.Phase);
        Assert.Null(back.Reason);
        Assert.Equal(message.EncodedBy, back.EncodedBy);
    }

    [Fact]
    public void Segment_chunk_round_trips_its_bytes_and_costs_little_beyond_them()
    {
        var data = new byte[SegmentChunk.MaxBytes];
        new Random(7).NextBytes(data);
        var message = new SegmentChunk(Guid.NewGuid(), 41, data);

        var bytes = fixture.Serializer.ToBinary(message);
        var back = (SegmentChunk)fixture.Serializer.FromBinary(bytes, fixture.Serializer.Manifest(message));

        Assert.Equal(message.RequestId, back.RequestId);
        Assert.Equal(41, back.Sequence);
        Assert.Equal(data, back.Data.ToArray());
        Assert.True(bytes.Length <= data.Length + 32, $"{bytes.Length} bytes for {data.Length} of audio");
    }

    [Fact]
    public void Unknown_manifest_throws()
    {
        Assert.Throws<SerializationException>(() => fixture.Serializer.FromBinary([1, 2, 3], "zz"));
    }

    [Fact]
    public void Truncated_payload_throws_instead_of_misreading()
    {
        var message = new StartImport(SampleMessages.Request(true), SampleMessages.Trace);
        var bytes = fixture.Serializer.ToBinary(message);
        var manifest = fixture.Serializer.Manifest(message);

        Assert.Throws<SerializationException>(() => fixture.Serializer.FromBinary(bytes[..^3], manifest));
        Assert.Throws<SerializationException>(() => fixture.Serializer.FromBinary([.. bytes, 0], manifest));
    }

    [Fact]
    public void Non_hark_object_is_refused()
    {
        Assert.Throws<ArgumentException>(() => fixture.Serializer.ToBinary("a string"));
    }

    [Fact]
    public async Task Actor_system_uses_the_serializer_when_bound_in_config()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.actor.serializers.hark = "{{typeof(HarkMessageSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings { "{{typeof(IHarkMessage).AssemblyQualifiedName}}" = hark }
            akka.actor.serialization-identifiers { "{{typeof(HarkMessageSerializer).AssemblyQualifiedName}}" = {{HarkMessageSerializer.SerializerId}} }
            """);
        using var system = Akka.Actor.ActorSystem.Create("bound", config);
        var message = new RequestWork("rec-9");

        var serializer = system.Serialization.FindSerializerFor(message);
        var back = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Serialization.ManifestFor(serializer, message));

        Assert.IsType<HarkMessageSerializer>(serializer);
        Assert.Equal(message, back);
        await system.Terminate();
    }

    private object RoundTrip(object message) =>
        fixture.Serializer.FromBinary(fixture.Serializer.ToBinary(message), fixture.Serializer.Manifest(message));
}
