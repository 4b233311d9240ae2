import { connectionType } from "../relay/connection.js";
import { Unit } from "./unit.type.js";

export const UnitConnection = connectionType("Unit", Unit, "units");
