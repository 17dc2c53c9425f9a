namespace Hark.Storage.Uploads;

/// <summary>An upload as <c>POST /uploads</c> and <c>GET /uploads/{id}</c> answer: how far it has got.</summary>
/// <param name="Offset">Bytes received and kept; the next part starts here.</param>
public sealed record UploadState(string Id, string Name, long Size, string Sha256, long Offset, bool Complete);
