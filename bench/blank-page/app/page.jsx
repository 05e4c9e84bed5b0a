export default function BlankPage() {
  return <main>Blank</main>;
}
