import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { allProfiles, supportedProfile } from "../../profiles/profile-catalog";
import { router, tenantProcedure } from "../init";

const fieldSchema = z.object({
  key: z.string(),
  description: z.string(),
  kind: z.enum(["number", "enum"]),
  unit: z.string().optional(),
  units: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  enum: z.array(z.object({ value: z.string(), meaning: z.string() })).optional(),
  conditional: z.boolean().optional(),
});
const profileSchema = z.object({ eep: z.string(), title: z.string(), telegram: z.string(), fields: z.array(fieldSchema) });

type Profile = NonNullable<ReturnType<typeof supportedProfile>>;
const toProfile = (p: Profile): z.infer<typeof profileSchema> => ({
  eep: p.eep,
  title: p.title,
  telegram: p.telegram,
  fields: p.fields.map((f) => ({
    key: f.key,
    description: f.description,
    kind: f.kind,
    ...(f.unit !== undefined ? { unit: f.unit } : {}),
    ...(f.units ? { units: f.units } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.enum ? { enum: f.enum.map((e) => ({ value: e.value, meaning: e.meaning })) } : {}),
    ...(f.conditional ? { conditional: true } : {}),
  })),
});

export const profilesRouter = router({
  list: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/profiles", tags: ["Profiles"], summary: "Every EEP the decoder supports, with the keys each one outputs" } })
    .input(z.object({}).optional())
    .output(z.array(profileSchema))
    .query(() => allProfiles().map(toProfile)),

  get: tenantProcedure
    .meta({ openapi: { method: "GET", path: "/profiles/{eep}", tags: ["Profiles"], summary: "One EEP with its keys" } })
    .input(z.object({ eep: z.string() }))
    .output(profileSchema)
    .query(({ input }) => {
      const profile = supportedProfile(input.eep);
      if (!profile) throw new TRPCError({ code: "NOT_FOUND", message: `EEP ${input.eep} is not supported` });
      return toProfile(profile);
    }),
});
