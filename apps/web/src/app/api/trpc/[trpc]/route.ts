import { serverDeps } from "~/server/deps.ts";
import { createContext } from "~/server/trpc.ts";
import { handleTrpcRequest } from "~/server/trpc-handler.ts";

const handler = (request: Request) =>
  handleTrpcRequest(
    request,
    () => createContext({ headers: request.headers }),
    () => serverDeps().log,
  );

export { handler as GET, handler as POST };
