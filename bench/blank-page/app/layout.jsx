// The smallest App Router page: the floor every dashboard page's JavaScript is compared with.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
