/// A Mexican state's own constitution after "de la Constitución": "artículo 4 de la Constitución
/// del Estado de Jalisco", "… de la Constitución local", "… de la Constitución de la Ciudad de
/// México". Not the federal one (the CPEUM), and a law the key scheme has no key for: no owner.
import type { Scanner } from "./scanner.ts";

// biome-ignore format: compact list
const STATES = [
  "Aguascalientes", "Baja California(?: Sur)?", "Campeche", "Chiapas", "Chihuahua", "Coahuila",
  "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "Michoacán", "Morelos",
  "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí",
  "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
];
/// After "Constitución": whose it is. Never "de México" (Mexico's own), never "de los Estados" (a
/// cut "… de los Estados Unidos Mexicanos"); any case ("DEL ESTADO DE JALISCO" in a heading).
const LOCAL = new RegExp(
  String.raw`\s+(?:Política\s+)?(?:del\s+Estado|de\s+la\s+Ciudad\s+de\s+México|local(?:es)?|estatal(?:es)?|de\s+(?:cada|un|una|otro|otra|algún|alguna|ningún|ninguna)\s+(?:Estado|entidad)|de\s+(?:${STATES.join("|")}))(?![\w])`,
  "iy",
);

/// Whether the constitution named just before `at` ("… de la Constitución|") is a state's.
export function localConstitution(s: Scanner, at: number): boolean {
  return s.test(LOCAL, at);
}
