import type { ErrorPayload } from '../engine/api/errors';
import type { StatusAction } from './ipc-channels';
export interface StatusView {
    readonly title: string;
    readonly message: string;
    readonly todo?: string;
    readonly detail?: string;
    readonly actions: readonly StatusAction[];
}
export declare const startingView: StatusView;
export declare function restartingView(why: string): StatusView;
export declare function failureView(error: ErrorPayload): StatusView;
export declare function statusPageHtml(view: StatusView): string;
export declare function statusPageUrl(view: StatusView): string;
