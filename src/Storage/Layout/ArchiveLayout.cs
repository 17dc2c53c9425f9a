namespace Hark.Storage.Layout;

/// <summary>Every key of the archive's hierarchy (docs/archive-format.md), in one place.</summary>
public static class ArchiveLayout
{
    public const int FormatVersion = 1;

    public const string RootGroupKey = "zarr.json";
    public const string RecordingsFolder = "recordings/";
    public const string RecordingsGroupKey = "recordings/zarr.json";
    public const string StagingFolder = "staging/";
    /// <summary>One JSON document per batch import (docs/batches.md).</summary>
    public const string BatchesFolder = "batches/";

    public const string AudioArray = "audio";
    public const string FrameSizesArray = "index/frame_sizes";
    public const string OverviewArray = "overview";
    public const string PageOffsetsArray = "index/page_offsets";

    /// <summary>In frame_sizes' attributes (hark): where its chunks start in the audio, when the recording has page offsets.</summary>
    public const string PageOffsetsAttribute = "page_offsets";

    public static string RecordingFolder(string id) => $"{RecordingsFolder}{RecordingId.Validate(id)}/";

    public static string RecordingGroupKey(string id) => RecordingFolder(id) + "zarr.json";

    public static string GenerationFolder(string id, string generation) => $"{RecordingFolder(id)}{generation}/";

    public static string GenerationGroupKey(string id, string generation) => GenerationFolder(id, generation) + "zarr.json";

    public static string AudioFolder(string id, string generation) => GenerationFolder(id, generation) + AudioArray + "/";

    public static string IndexGroupKey(string id, string generation) => GenerationFolder(id, generation) + "index/zarr.json";

    public static string FrameSizesFolder(string id, string generation) => GenerationFolder(id, generation) + FrameSizesArray + "/";

    public static string PageOffsetsFolder(string id, string generation) => GenerationFolder(id, generation) + PageOffsetsArray + "/";

    public static string OverviewFolder(string id, string generation) => GenerationFolder(id, generation) + OverviewArray + "/";

    public static string BatchKey(string id) => $"{BatchesFolder}{BatchId.Validate(id)}.json";

    /// <summary>An empty marker per unfinished batch, so finding the batches to resume reads no finished one.</summary>
    public const string RunningBatchesFolder = "batches/running/";

    public static string RunningBatchKey(string id) => RunningBatchesFolder + BatchId.Validate(id);

    /// <summary>Every import of the recording, one folder per token (only the group's current token is live).</summary>
    public static string StagingRecordingFolder(string id) => $"{StagingFolder}{RecordingId.Validate(id)}/";

    /// <summary>One import's staging: its plan, staged PCM, encoded chunks, failure.</summary>
    public static string StagingImportFolder(string id, string token) => $"{StagingRecordingFolder(id)}{ImportToken.Validate(token)}/";
}
