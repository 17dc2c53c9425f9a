using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Hark.Node.Api;

/// <summary>
/// Answers for an export whose length is known before its first byte (RFC 9110 range requests), so a browser can seek
/// in it: Accept-Ranges and a strong ETag always; one range (<c>bytes=a-b</c>, <c>a-</c>, <c>-n</c>) as 206 with
/// Content-Range; a range wholly past the end as 416 naming the length. A malformed Range, several ranges, or an
/// If-Range that names another version get the whole export (200), as the RFC lets a server do. HEAD: the same headers.
/// </summary>
internal static class RangedExportResponse
{
    public static async Task WriteAsync(HttpContext http, IRangedExport export, CancellationToken ct)
    {
        var response = http.Response;
        var etag = new EntityTagHeaderValue($"\"{export.Version}\"");
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = etag.ToString();
        long offset = 0, count = export.Length;
        if (RequestedRange(http.Request, etag) is { } range)
        {
            if (!TryResolve(range, export.Length, out offset, out count))
            {
                response.Headers.ContentDisposition = default;
                response.Headers.ContentRange = $"bytes */{export.Length}";
                await ProblemResponses.Problem(StatusCodes.Status416RangeNotSatisfiable, "Range not satisfiable",
                    $"the export is {export.Length} bytes long; range {range} has none of them").ExecuteAsync(http);
                return;
            }
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + count - 1, export.Length).ToString();
        }
        response.ContentLength = count;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await export.WriteAsync(offset, count, response.Body, ct);
        }
    }

    /// <summary>The one byte range asked for, or null where the whole export is the answer.</summary>
    private static RangeItemHeaderValue? RequestedRange(HttpRequest request, EntityTagHeaderValue etag)
    {
        var headers = request.GetTypedHeaders();
        if (headers.Range is not { } range || !string.Equals(range.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || range.Ranges.Count != 1)
        {
            return null;
        }
        // If-Range: the range only while the client's copy is this version; a date never matches (no Last-Modified is sent).
        if (request.Headers.IfRange.Count > 0 && headers.IfRange?.EntityTag?.Compare(etag, useStrongComparison: true) != true)
        {
            return null;
        }
        return range.Ranges.Single();
    }

    private static bool TryResolve(RangeItemHeaderValue range, long length, out long offset, out long count)
    {
        (offset, count) = (range.From, range.To) switch
        {
            (null, { } suffix) => (Math.Max(0, length - suffix), Math.Min(suffix, length)),
            ({ } from, var to) when from < length => (from, Math.Min(to ?? length - 1, length - 1) - from + 1),
            _ => (0, 0),
        };
        return count > 0;
    }
}
