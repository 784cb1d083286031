# The register (SQLite): messages of crates/register.
register-locked = 台帳 { $path } を別の端末または別に起動したプランナーが使用中で、{ $seconds } 秒待っても空きませんでした。何も保存されていません。少し待ってからもう一度お試しください。使用中のままの場合は、別の端末のプランナーを閉じてください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-corrupt = 台帳 { $path } が壊れているか、台帳のファイルではありません（{ $detail }）。何も変更していません。最新のバックアップを復元する（README の「バックアップの復元」を参照）か、別の台帳ファイルを選んでください（デスクアプリでは設定、コマンドラインでは --register）。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-newer-schema = 台帳 { $path } は新しいバージョンのプランナーで更新されています（台帳のバージョン { $found }、このバージョンが読めるのは { $supported } まで）。何も変更していません。このコンピューターのプランナーを新しいバージョンに更新してください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-cannot-open = 台帳 { $path } を開けないか、書き込めません：{ $error }。フォルダーがあり書き込みが許可されているか確認するか、別の台帳ファイルを選んでください（デスクアプリでは設定、コマンドラインでは --register）。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-patient-not-found = 台帳に患者 { $id } はありません（古いバックアップから復元された可能性があります）。もう一度患者を検索してください。
register-course-not-found = 台帳にコース { $id } はありません（古いバックアップから復元された可能性があります）。患者をもう一度開いてください。
register-quote-not-found = 台帳に見積もり #{ $id } はありません。見積もり一覧（dose-planner register quotes）で番号を確認してください。
register-duplicate-number = 患者番号 { $number } はすでに別の患者に使われています。番号を確認するか、その番号で検索してその患者を開いてください。
register-backup-exists = { $path } はすでにあります。バックアップは既存のファイルを上書きしません。別のファイル名かフォルダーを選んでください。
register-disk-full = { $path } のあるディスクがいっぱいのため、何も保存されていません。空き容量を作ってからもう一度お試しください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-read-only = { $path } は読み取り専用です（アクセス権、または読み取り専用のディスク）。何も保存されていません。コンピューターの管理者に書き込みできるようにしてもらうか、別の台帳ファイルを選んでください（デスクアプリでは設定、コマンドラインでは --register）。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-overflow = この月の合計が大きすぎて正確に計算できません。この月の見積もりに誤った金額がないか確認してください。
register-database-error = 台帳 { $path } でエラーが発生しました（{ $detail }）。何も保存されていません。もう一度お試しください。繰り返し起こる場合は、バックアップを取ってからこのメッセージを報告してください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
# 台帳の場所と、PostgreSQL サーバー上の台帳。
register-address-empty = 台帳の場所が指定されていません。ファイル（register.sqlite3）かサーバーのアドレス（postgres://ユーザー@ホスト:5432/dose_planner）を指定してください。
register-address-unknown-scheme = { $address } は台帳の場所として使えません。台帳はファイルか、postgres:// で始まるサーバーのアドレスです（{ $scheme }:// ではありません）。何も開いたり作成したりしていません。
register-address-malformed = { $address } はサーバーのアドレスとして読めません。postgres://ユーザー@ホスト:5432/データベース?sslmode=require の形で書いてください。何も開いたり作成したりしていません。
register-address-no-host = { $address } にはサーバー名がありません。postgres://ユーザー@ホスト:5432/データベース の形で書いてください。
register-address-bad-port = { $address }：ポート { $value } は 1〜65535 の数ではありません（PostgreSQL は通常 5432 です）。
register-address-password = { $address } にパスワードが含まれています。本アプリはアドレスにパスワードを保存しません。アドレスから削除し、PostgreSQL のパスワードファイル（~/.pgpass、Windows では %APPDATA%\postgresql\pgpass.conf）に書くか、尋ねられたときに入力してください。
register-address-bad-sslmode = { $address }：sslmode { $value } は使えません。disable、prefer、require、verify-full のいずれかにしてください。
register-address-no-ca-file = { $address }：sslmode=verify-full ではクリニックの認証局でサーバーを確認します。&sslrootcert=パス で認証局のファイル（PEM）を指定してください。
register-address-unknown-option = { $address }：オプション { $name } は使えません。使えるのは sslmode と sslrootcert だけです。
register-server-away = 台帳サーバー { $server } に接続できません（{ $detail }）。何も保存されていません。ネットワークとサーバーが動いているかを確認して、もう一度お試しください。見積もり・計画・PDF は台帳なしでも使えます。
register-server-error = 台帳サーバー { $server } が要求を拒否したか失敗しました（{ $detail }）。何も保存されていません。繰り返す場合は、このメッセージをサーバーの管理者に伝えてください。見積もり・計画・PDF は台帳なしでも使えます。
register-server-backup = サーバー上の台帳は、本アプリではなく PostgreSQL の pg_dump でサーバー側でバックアップします。台帳全体を読める端末で次を実行してください：{ $command }
register-sheet-too-large = この料金表は { $kb } KB あり、料金表は最大 { $limit } KB までのため、台帳には何も保存していません。クリニックの料金表ファイル（通常は数 KB）を使ってください。
register-file-only = この操作は台帳ファイルでのみ使えます。サーバー上の台帳 { $server } ではまだ使えません。何も変更していません。見積もり・計画・PDF はそのまま使えます。
register-damaged = 台帳 { $path } は壊れています（SQLite の検査結果：{ $detail }）。読み込みも書き込みもしていません。最新のバックアップを復元してください：すべての端末でプランナーを閉じ、このファイル（と -wal、-shm ファイル）の名前を変えて残し、バックアップを { $path } にコピーします（README の「バックアップの復元」を参照）。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-not-a-register = { $path } は別のプログラムのデータベースで、台帳ではありません。何も変更していません。台帳ファイル（register.sqlite3）のパスか、新しく台帳を始めるための新しいファイル名を指定してください。
register-empty-file = { $path } は空（0 バイト）で、台帳でも完全なバックアップでもありません。何も変更していません。ここで新しい台帳を始めるにはこの空のファイルを削除し、復元するには完全なバックアップをコピーしてください。
register-missing = { $path } に台帳はありません。パス（--register）を確認するか、まず見積もりを取り込んで台帳を始めてください。
register-not-a-folder = { $path } の途中にフォルダーではなくファイルがあります。フォルダーだけでできたパスを選んでください。
register-backup-cannot-write = バックアップ { $path } を書き込めません：{ $error }。バックアップ先のフォルダーがあり書き込みが許可されているか確認するか、別のフォルダーを選んでください（コマンドラインでは --to）。台帳そのものは変わっていません。
register-backup-failed = バックアップ { $path } は検査に通らなかったため（{ $detail }）、残していません。台帳そのものは変わっていません。もう一度お試しください。再び失敗する場合は別のディスクにバックアップしてください。
register-field-number = 患者番号
register-field-name = 患者名
register-text-empty = { $field }が空です。入力してから保存し直してください。
register-text-too-long = { $field }が { $chars } 文字あります。台帳に保存できるのは { $max } 文字までです。何も保存されていません。
register-text-control = { $field }に目に見えない制御文字（{ $char }）が含まれています。何も保存されていません。その文字を除いて入力し直してください。
