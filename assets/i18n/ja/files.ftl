# Errors of the file layer (reading sheets and quotes, writing files).
file-cannot-read = { $path } を読めません：{ $reason }
file-cannot-save = { $path } に保存できません：{ $reason }
file-sheet-invalid = 料金表 { $error }
file-not-found = ファイルまたはフォルダーがありません
file-permission-denied = { $path } へのアクセス権がありません
file-is-folder = これはフォルダーです（ファイルではありません）
file-folder-given = これはフォルダーです。ファイル名を指定してください
file-not-regular = 通常のファイルではありません（パイプ・デバイス・ソケット）。ファイルを選んでください
file-not-regular-target = 通常のファイルではありません（パイプまたはデバイス）。別の名前を指定してください
file-too-large = ファイルが { $kb } KB を超えています（読み込める上限です）。正しいファイルか確認してください
file-not-utf8 = この位置から UTF-8 のテキストではありません。UTF-8 で保存し直してください
file-disk-full = ディスクがいっぱいです
file-read-only = ディスクが読み取り専用です
file-loop = パスが自分自身を指しています（シンボリックリンクのループ）
file-not-ready = ファイルを読める状態ではありません（パイプ？）。ファイルを選んでください
file-folder-missing = フォルダー { $folder } がありません
file-in-use = 別の画面（アプリ）がこの復元ファイルを使っています
