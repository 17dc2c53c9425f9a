using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hark.Node.Api;

/// <summary>Writes RFC 7807 problem+json answers, the one error shape of the API.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public static IResult Problem(int status, string title, string detail) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://httpstatuses.io/{status}",
    });

    public static IResult For(Exception error)
    {
        var (status, title) = ProblemMapping.For(error);
        return Problem(status, title, error.Message.ReplaceLineEndings(" ").Trim());
    }
}
