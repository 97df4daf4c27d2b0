export function VigilLogo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path fill="var(--mantine-color-vigil-8)" d="M32 3 8 12v18c0 15 10 26 24 31 14-5 24-16 24-31V12z" />
      <path fill="#fff" d="M20 22h6l6 16 6-16h6L35 44h-6z" />
    </svg>
  );
}
