import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { serverDeps } from "~/server/deps.ts";
import { appRouter } from "~/server/root.ts";
import { createContext } from "~/server/trpc.ts";

const handler = (request: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContext({ headers: request.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        serverDeps().log.error({ path, err: error.cause ?? error }, "procedure failed");
    },
  });

export { handler as GET, handler as POST };
