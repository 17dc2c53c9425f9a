using System.Text;

namespace Hark.Storage;

/// <summary>Validation of blob keys and folder prefixes shared by every store.</summary>
public static class BlobKey
{
    public const int MaxLength = 1024;

    /// <summary>Throws <see cref="InvalidBlobKeyException"/> unless <paramref name="key"/> names an object.</summary>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new InvalidBlobKeyException(key, "empty");
        }
        if (key.EndsWith('/'))
        {
            throw new InvalidBlobKeyException(key, "ends with '/'");
        }
        ValidateSegments(key);
    }

    /// <summary>Validates a listing prefix: "" or key characters; a trailing partial segment is allowed.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return;
        }
        ValidateSegments(prefix.EndsWith('/') ? prefix[..^1] : prefix, allowPartialLast: true);
    }

    /// <summary>Validates a folder: "" or a key followed by '/'.</summary>
    public static void ValidateFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.Length == 0)
        {
            return;
        }
        if (!folder.EndsWith('/'))
        {
            throw new InvalidBlobKeyException(folder, "a folder must end with '/'");
        }
        ValidateSegments(folder[..^1]);
    }

    private static void ValidateSegments(string key, bool allowPartialLast = false)
    {
        if (key.Length > MaxLength)
        {
            throw new InvalidBlobKeyException(key, $"longer than {MaxLength} characters");
        }
        foreach (var c in key)
        {
            if (char.IsControl(c) || c == '\\')
            {
                throw new InvalidBlobKeyException(key, "contains a control character or backslash");
            }
        }
        var segments = key.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            bool last = i == segments.Length - 1;
            if (segment.Length == 0)
            {
                if (allowPartialLast && last)
                {
                    continue;
                }
                throw new InvalidBlobKeyException(key, "has an empty segment");
            }
            // Dot-names are reserved for the local store's temporary files and would allow "..".
            if (segment[0] == '.')
            {
                throw new InvalidBlobKeyException(key, $"segment \"{segment}\" starts with '.'");
            }
        }
    }

    /// <summary>The key with control characters escaped, safe to put in a one-line message.</summary>
    public static string Printable(string? key) => PrintableText.Of(key);
}
