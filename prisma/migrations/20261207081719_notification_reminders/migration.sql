-- CreateTable
CREATE TABLE "notification_reminder" (
    "id" UUID NOT NULL,
    "profile_id" UUID,
    "api_key_id" UUID,
    "event" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notification_reminder_profile_id_event_due_at_threshold_key" ON "notification_reminder"("profile_id", "event", "due_at", "threshold");

-- CreateIndex
CREATE UNIQUE INDEX "notification_reminder_api_key_id_event_due_at_threshold_key" ON "notification_reminder"("api_key_id", "event", "due_at", "threshold");

-- CreateIndex
CREATE INDEX "authorization_profile_client_secret_expires_on_idx" ON "authorization_profile"("client_secret_expires_on");

-- AddForeignKey
ALTER TABLE "notification_reminder" ADD CONSTRAINT "notification_reminder_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "authorization_profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_reminder" ADD CONSTRAINT "notification_reminder_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

