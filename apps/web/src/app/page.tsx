import StatusPage from "./status/page.tsx";

// Until sign-in exists the home page is the Status page.
export default StatusPage;
