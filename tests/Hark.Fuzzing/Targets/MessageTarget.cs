using System.Runtime.Serialization;
using Hark.Messages;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// The cluster's wire format (<see cref="HarkMessageSerializer.FromBinary"/>) under every manifest: the first byte of
/// an input picks the manifest, the rest is the payload, so splices and flips also feed one message's bytes to
/// another's reader. Documented error: <see cref="SerializationException"/>.
/// </summary>
public static class MessageTarget
{
    public const string Name = "messages";

    public static FuzzTarget Create()
    {
        var serializer = new HarkMessageSerializer(null!);
        var samples = WireSamples.All();
        var manifests = samples.Select(serializer.Manifest).Distinct().ToArray();
        var corpus = samples
            .Select(m => (byte[])[(byte)Array.IndexOf(manifests, serializer.Manifest(m)), .. serializer.ToBinary(m)])
            .ToList();
        return new FuzzTarget(Name, 0x4841_524B, corpus, input => Parse(serializer, manifests, input),
            [typeof(SerializationException)], AllocationBound: 256 << 10);
    }

    /// <summary>The manifests the corpus covers: every one the serializer knows.</summary>
    public static IReadOnlyList<string> Manifests() =>
        WireSamples.All().Select(new HarkMessageSerializer(null!).Manifest).Distinct().ToArray();

    private static void Parse(HarkMessageSerializer serializer, string[] manifests, byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        serializer.FromBinary(input[1..], manifests[input[0] % manifests.Length]);
    }
}
