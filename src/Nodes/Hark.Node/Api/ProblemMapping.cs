using System.Text.Json;
using Hark.Actors.Contracts;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Media.Errors;
using Hark.Node.Security;
using Hark.Storage;
using Microsoft.AspNetCore.Http;

namespace Hark.Node.Api;

/// <summary>Which HTTP status each failure of the archive, engine or cluster means to a client.</summary>
public static class ProblemMapping
{
    public static (int Status, string Title) For(Exception error) => error switch
    {
        ApiInputException => (StatusCodes.Status400BadRequest, "Bad request"),
        InvalidRecordingIdException => (StatusCodes.Status400BadRequest, "Invalid recording id"),
        JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
        BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
        FileNotFoundException => (StatusCodes.Status400BadRequest, "Source not found"),
        UnsupportedMediaException => (StatusCodes.Status400BadRequest, "Unsupported media"),
        ImportRefusedException => (StatusCodes.Status400BadRequest, "Import refused"),
        ExportNotPossibleException => (StatusCodes.Status400BadRequest, "Export not possible"),
        ImportPathRefusedException => (StatusCodes.Status403Forbidden, "Outside the import roots"),
        RecordingNotFoundException => (StatusCodes.Status404NotFound, "Recording not found"),
        BatchNotFoundException => (StatusCodes.Status404NotFound, "Batch not found"),
        Hark.Storage.Uploads.UploadNotFoundException => (StatusCodes.Status404NotFound, "Upload not found"),
        Hark.Storage.Uploads.UploadRefusedException => (StatusCodes.Status400BadRequest, "Upload refused"),
        Hark.Storage.Uploads.UploadOffsetException => (StatusCodes.Status409Conflict, "Wrong upload offset"),
        Hark.Engine.Stations.StationEmptyException => (StatusCodes.Status404NotFound, "No recordings in the range"),
        RecordingExistsException => (StatusCodes.Status409Conflict, "Recording exists"),
        SegmentRangeException { PastTheEnd: false } => (StatusCodes.Status400BadRequest, "Bad range"),
        SegmentRangeException => (StatusCodes.Status416RangeNotSatisfiable, "Range not satisfiable"),
        NodeUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
        StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable"),
        CorruptRecordingException => (StatusCodes.Status500InternalServerError, "Recording damaged"),
        _ => (StatusCodes.Status500InternalServerError, "Internal error"),
    };
}
