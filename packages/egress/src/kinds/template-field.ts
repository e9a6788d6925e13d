import { z } from "zod";
import { topicTemplateProblem } from "../topic-template";

export const topicTemplateField = (fallback: string) =>
  z
    .string()
    .max(512)
    .default(fallback)
    .superRefine((value, ctx) => {
      const problem = topicTemplateProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

export const pemField = (what: string) =>
  z.string().refine((v) => /-----BEGIN [A-Z0-9 ]+-----/.test(v), { message: `expected a PEM ${what}` });
