namespace GradScript;

/// <summary>
/// What a script's <c>plot(…)</c> call asked to draw, handed to <see cref="EngineOptions.ShowChart"/>
/// by hosts that can show pictures (the notebook kernel draws it as SVG). The points are the ones
/// the script gave, NaN and infinities included; <see cref="Text"/> is the chart exactly as
/// <c>plot</c> prints it on a terminal, for hosts that show text beside the picture or instead of it.
/// </summary>
/// <param name="Title">The title, or null when none was given.</param>
/// <param name="Xs">The x coordinates: the script's, or 0, 1, 2, … when it gave only ys.</param>
/// <param name="Ys">The y coordinates; as many as <paramref name="Xs"/>, at least one.</param>
/// <param name="Width">The text chart's plot area in character cells (<c>width=</c>).</param>
/// <param name="Height">The text chart's plot area in character cells (<c>height=</c>).</param>
/// <param name="Text">The chart drawn in braille characters, with <c>\n</c> line ends.</param>
public sealed record Chart(string? Title, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, int Width, int Height, string Text);
