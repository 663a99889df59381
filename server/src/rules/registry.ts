import { abiBreak } from './abiBreak';
import { abiVersionMismatch } from './abiVersionMismatch';
import { clashingExternDeclarations } from './clashingExternDeclarations';
import { cNameCollision } from './cNameCollision';
import { danglingPointer } from './danglingPointer';
import { duplicateExport } from './duplicateExport';
import { ffiUnsafeType } from './ffiUnsafeType';
import { genericExport } from './genericExport';
import { layoutMismatch } from './layoutMismatch';
import { leakedOwnership } from './leakedOwnership';
import { mismatchedFree } from './mismatchedFree';
import { missingCdylib } from './missingCdylib';
import { missingExport } from './missingExport';
import { missingNoMangle } from './missingNoMangle';
import { missingReprC } from './missingReprC';
import { noMangleConst } from './noMangleConst';
import { noMangleRustAbi } from './noMangleRustAbi';
import { panicAcrossFfi } from './panicAcrossFfi';
import { reprCEnumLargerThanInt } from './reprCEnumLargerThanInt';
import { signatureMismatch } from './signatureMismatch';
import { unsafeAttribute } from './unsafeAttribute';
import { unsafeExternBlock } from './unsafeExternBlock';
import { witMissingImplementation } from './witMissingImplementation';
import { witSignatureMismatch } from './witSignatureMismatch';
import { witUnknownExport } from './witUnknownExport';
import type { Rule } from './rule';

/** Every rule the engine runs, in the order their findings are listed. */
export const RULES: readonly Rule[] = [missingReprC, ffiUnsafeType, unsafeAttribute, unsafeExternBlock, genericExport, duplicateExport, noMangleRustAbi, missingCdylib, missingNoMangle, panicAcrossFfi, leakedOwnership, danglingPointer, mismatchedFree, signatureMismatch, layoutMismatch, missingExport, abiVersionMismatch, reprCEnumLargerThanInt, noMangleConst, clashingExternDeclarations, cNameCollision, abiBreak, witMissingImplementation, witSignatureMismatch, witUnknownExport];
