import { defineConfig, devices } from "@playwright/test";

// The server under test: the release build, on its own port and a fresh SQLite file
// (scripts/test.sh builds it and empties target/e2e first).
const port = process.env.MC_E2E_PORT ?? "3300";
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // A cheap Android phone: small screen, touch.
    { name: "phone", use: { ...devices["Pixel 5"], browserName: "chromium" } },
  ],
  webServer: {
    // Staff accounts first (through the server's CLI, into the same database), then the server.
    command: "sh -c 'end2end/staff-accounts.sh && exec ./target/release/server serve'",
    cwd: "..",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      MC_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: process.env.MC_E2E_DATABASE_URL ?? "sqlite://target/e2e/mot-cua.db",
      RUST_LOG: "warn",
      // Tests that guess resume codes present their own client address (resume-limits.spec.ts).
      MC_TRUSTED_PROXY: "1",
      // Every spec files from one address with one phone number: far more than a family.
      MC_DAILY_ALLOWANCES_SCALE: "1000",
      // The development SMS sender's file, read by backoffice.spec.ts.
      MC_SMS_LOG: "target/e2e/sms.log",
    },
  },
});
