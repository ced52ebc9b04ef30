export declare const IPC: {
    readonly openFile: "patchbay:open-file";
    readonly saveFile: "patchbay:save-file";
    readonly statusAction: "patchbay:status-action";
};
export declare const STATUS_ACTIONS: readonly ["retry", "open-data-folder", "quit"];
export type StatusAction = (typeof STATUS_ACTIONS)[number];
