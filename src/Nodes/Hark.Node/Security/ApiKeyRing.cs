using System.Security.Cryptography;
using System.Text;
using Hark.Actors.Contracts;

namespace Hark.Node.Security;

/// <summary>
/// The keys a node accepts, kept only as SHA-256 hashes. A presented key is hashed and compared with every stored hash
/// in constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), all of them every time: neither how long
/// an answer takes nor which comparison stopped says anything about a key. Hashing first makes every comparison the
/// same length whatever was sent.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly (byte[] Hash, ApiScope Scope)[] _keys;

    public ApiKeyRing(IEnumerable<ApiKey> keys)
    {
        _keys = [.. keys.Select(k => (Hash(k.Secret), k.Scope))];
    }

    /// <summary>No keys: the API is open (and so served on loopback only, <see cref="NodeExposure"/>).</summary>
    public bool IsEmpty => _keys.Length == 0;

    /// <summary>The scope of the key presented, or null when no configured key matches.</summary>
    public ApiScope? Find(string presented)
    {
        var hash = Hash(presented);
        ApiScope? found = null;
        foreach (var (stored, scope) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, hash))
            {
                found = scope;
            }
        }
        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
