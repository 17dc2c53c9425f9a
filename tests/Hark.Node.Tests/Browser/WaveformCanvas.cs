namespace Hark.Node.Tests.Browser;

/// <summary>Scripts that measure what the recording page drew on its waveform overview canvas.</summary>
public static class WaveformCanvas
{
    /// <summary>The share of the canvas's pixels that are lit (not the black background).</summary>
    public const string LitFraction = """
        (() => {
          const canvas = document.getElementById('overview-wave');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let lit = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 0) lit++;
          return lit / (data.length / 4);
        })()
        """;

    /// <summary>Lit pixels of each column of the canvas, left to right: how far apart the lowest and highest sample are there.</summary>
    public const string LitByColumn = """
        (() => {
          const canvas = document.getElementById('overview-wave');
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          const columns = new Array(canvas.width).fill(0);
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] + data[i + 1] + data[i + 2] > 0) columns[(i / 4) % canvas.width]++;
          }
          return columns;
        })()
        """;
}
