// The accounts module's public surface: other modules import only from here.
export { authRoutes } from "./auth.routes.ts";
export { userRoutes } from "./users.routes.ts";
export { createUser, findUserByEmail, updateUser } from "./users.service.ts";
