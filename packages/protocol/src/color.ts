/// Each dark enough for white initials on a small avatar (WCAG AA, 4.5:1):
/// an orange of 3.1:1 and a teal of 4.5:1 were darkened (axe found them).
const COLORS = [
  "#b4451f",
  "#1f6fb4",
  "#2e7d32",
  "#8e24aa",
  "#c62828",
  "#007681",
  "#6d4c41",
  "#ad1457",
  "#3949ab",
  "#b85000",
];

/// A stable colour for a person, derived from their id; the server stamps
/// it on presence and the web app uses it for the person's own avatar.
export function colorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length]!;
}
