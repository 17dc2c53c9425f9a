using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hark.Actors.Telemetry;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>Spans continue the caller's trace through the actors; the instruments named in HarkTelemetry move.</summary>
public sealed class TelemetryTests(SingleNodeFixture fixture) : Akka.TestKit.Xunit2.TestKit, IClassFixture<SingleNodeFixture>
{
    private static readonly ActivitySource Caller = new("Hark.Actors.Tests.Caller");

    [Fact]
    public async Task Import_and_segment_spans_join_the_callers_trace_and_metrics_are_recorded()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is HarkTelemetry.ActivitySourceName or "Hark.Actors.Tests.Caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var measured = new ConcurrentDictionary<string, double>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == HarkTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((i, value, _, _) => measured.AddOrUpdate(i.Name, value, (_, old) => old + value));
        meters.SetMeasurementEventCallback<double>((i, value, _, _) => measured.AddOrUpdate(i.Name, value, (_, old) => old + value));
        meters.Start();
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 22, 48000), fixture.Directory.File("jay.wav"), "-c:a", "pcm_s16le");
        var service = fixture.Node.Service;

        ActivityTraceId importTrace;
        using (var request = Caller.StartActivity("POST /recordings"))
        {
            importTrace = request!.TraceId;
            await service.StartImportAsync(new ImportRequest { Id = "jay", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);
        }
        await AwaitAssertAsync(async () =>
            Assert.Equal("Complete", (await service.GetStatusAsync("jay", CancellationToken.None)).ToString()),
            TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        ActivityTraceId segmentTrace;
        using (var request = Caller.StartActivity("GET /recordings/jay/segment"))
        {
            segmentTrace = request!.TraceId;
            await service.WriteSegmentAsync("jay", 1000, 48000, SegmentFormat.Wav, new MemoryStream(), CancellationToken.None);
        }

        await AwaitAssertAsync(() =>
        {
            var inImport = spans.Where(s => s.TraceId == importTrace).Select(s => s.OperationName).ToList();
            Assert.Contains(HarkTelemetry.ImportSpan, inImport);
            Assert.Contains(HarkTelemetry.StageSpan, inImport);
            Assert.Equal(3, inImport.Count(n => n == HarkTelemetry.ChunkEncodeSpan));
            Assert.Contains(HarkTelemetry.CommitSpan, inImport);
            var inSegment = spans.Where(s => s.TraceId == segmentTrace).Select(s => s.OperationName).ToList();
            Assert.Contains(HarkTelemetry.SegmentRequestSpan, inSegment);
            Assert.Contains(HarkTelemetry.IndexLoadSpan, inSegment);
            Assert.Contains(HarkTelemetry.DecodeSpan, inSegment);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        meters.RecordObservableInstruments();
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.ChunksEncoded) >= 3);
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.Imports) >= 2, "started and complete");
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.EncodeRealtimeFactor) > 0);
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.BytesStored) > 0);
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.BytesServed) >= 44 + 48000 * 2 * 4);
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.SegmentDuration) > 0);
        Assert.True(measured.GetValueOrDefault(HarkTelemetry.CacheMisses) >= 1);
        Assert.True(measured.ContainsKey(HarkTelemetry.CacheHits));
    }
}
