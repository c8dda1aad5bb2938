import type { FieldNullability, InputFieldMap, SchemaTypes, TypeParam } from "@pothos/core";
import type { AnyModel } from "../relations.js";
import type { PothosStormPlugin } from "./index.js";
import type { Guard, StormModelsOptions, StormRefs } from "./types.js";

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      storm: PothosStormPlugin<Types>;
    }

    export interface SchemaBuilder<Types extends SchemaTypes> {
      /** Adds object types, queries, mutations and relations derived from STORM models. */
      stormModels<const Ms extends readonly AnyModel[]>(options: StormModelsOptions<Ms>): StormRefs<Types, Ms>;
    }

    export interface FieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      ParentShape = unknown,
      Type extends TypeParam<Types> = TypeParam<Types>,
      Nullable extends FieldNullability<Type> = FieldNullability<Type>,
      Args extends InputFieldMap = InputFieldMap,
      ResolveShape = unknown,
      ResolveReturnShape = unknown,
    > {
      /** Refuse the field with a FORBIDDEN error unless this returns true. */
      stormGuard?: Guard;
    }
  }
}
