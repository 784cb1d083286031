# The register (SQLite): messages of crates/register.
register-locked = 台帳 { $path } を別の端末または別に起動したプランナーが使用中で、{ $seconds } 秒待っても空きませんでした。何も保存されていません。少し待ってからもう一度お試しください。使用中のままの場合は、別の端末のプランナーを閉じてください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-corrupt = 台帳 { $path } が壊れているか、台帳のファイルではありません（{ $detail }）。何も変更していません。プランナーを閉じて最新のバックアップをこのファイルに上書きコピーするか、設定で別の台帳ファイルを選んでください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-newer-schema = 台帳 { $path } は新しいバージョンのプランナーで更新されています（台帳のバージョン { $found }、このバージョンが読めるのは { $supported } まで）。何も変更していません。このコンピューターのプランナーを新しいバージョンに更新してください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-cannot-open = 台帳 { $path } を開けないか、書き込めません：{ $error }。フォルダーがあり書き込みが許可されているか確認するか、設定で別の保存場所を選んでください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-patient-not-found = この患者は台帳にもうありません（別の端末で変更された可能性があります）。もう一度患者を検索してください。
register-course-not-found = このコースは台帳にもうありません（別の端末で変更された可能性があります）。患者をもう一度開いてください。
register-quote-not-found = この見積もりは台帳にもうありません（別の端末で変更された可能性があります）。見積もり一覧をもう一度開いてください。
register-duplicate-number = 患者番号 { $number } はすでに別の患者に使われています。番号を確認するか、その番号で検索してその患者を開いてください。
register-backup-exists = { $path } はすでにあります。バックアップは既存のファイルを上書きしません。別のファイル名かフォルダーを選んでください。
register-disk-full = { $path } のあるディスクがいっぱいのため、何も保存されていません。空き容量を作ってからもう一度お試しください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
register-read-only = { $path } は読み取り専用です（アクセス権、または読み取り専用のディスク）。何も保存されていません。コンピューターの管理者に書き込みできるようにしてもらうか、設定で別の保存場所を選んでください。見積もり・計画・PDF は台帳なしでもそのまま使えます。
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
