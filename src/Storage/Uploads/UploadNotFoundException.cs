namespace Hark.Storage.Uploads;

public sealed class UploadNotFoundException(string id) : Exception($"upload {id} not found");
